def test_province_officer_sees_tree_and_commune_b_official_cannot_open_commune_a(cast, client_for):
    officer = client_for(cast.province_officer)
    response = officer.get(f"/don-vi/{cast.tree.commune_a.pk}/")
    assert response.status_code == 200
    assert "Xã Trường Sơn" in response.content.decode()

    stranger = client_for(cast.official_b)
    assert stranger.get(f"/don-vi/{cast.tree.commune_a.pk}/").status_code == 404
    assert stranger.get(f"/don-vi/{cast.tree.commune_a.pk}/con/").status_code == 404
